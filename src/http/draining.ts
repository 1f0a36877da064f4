/** Set while the server stops: keep-alive clients are told to reconnect elsewhere after their current request. */
export const draining = { on: false };
