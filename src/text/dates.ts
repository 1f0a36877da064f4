/** A calendar date written YYYY-MM-DD (the only form filters accept). */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
