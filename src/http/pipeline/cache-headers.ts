/** HTTP caching: a clean answer to a GET may be kept (public without a key, private with one); anything else is `no-store`. */
import { config } from '../../config';
import type { PolicyStep } from './step';

export const cacheHeaders: PolicyStep = {
  name: 'cache-headers',
  response(s) {
    s.headers['cache-control'] = s.method === 'GET' && s.ok ? `${s.keyId == null ? 'public' : 'private'}, max-age=${config.partnerMaxAgeSeconds}` : 'no-store';
  },
};
