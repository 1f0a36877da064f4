/**
 * CSRF prevention, as Apollo Server's `csrfPrevention` rule (which is off in Apollo, since this step runs for every
 * entry): a request whose content type a browser may send cross-origin without a preflight (none, `text/plain`,
 * `application/x-www-form-urlencoded`, `multipart/form-data`) must carry a non-empty `Apollo-Require-Preflight` or
 * `X-Apollo-Operation-Name`. So a plain GET is refused, and so is a `text/plain` POST. Same message and code as Apollo.
 */
import { GraphQLError } from 'graphql';
import type { PolicyStep } from './step';

const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** A media type's essence (type/subtype), as WHATWG's MIME parser reads it; no match: unparseable (Apollo lets it pass). */
const ESSENCE = /^[\t\n\r ]*([-!#$%&'*+.^_`|~0-9A-Za-z]+)\/([-!#$%&'*+.^_`|~0-9A-Za-z]+)[\t\n\r ]*(?:;|$)/;

export const CSRF_MESSAGE = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a \'content-type\' header '
  + `(with a type that is not one of ${SIMPLE_TYPES.join(', ')}) or provide a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}\n`;

export const csrf: PolicyStep = {
  name: 'csrf',
  request(s) {
    const ct = s.requestHeaders['content-type'];
    if (ct !== undefined) {
      if (JSON_TYPE.test(ct)) return;
      const m = ESSENCE.exec(ct);
      if (!m || !SIMPLE_TYPES.includes(`${m[1]}/${m[2]}`.toLowerCase())) return;
    }
    for (const h of PREFLIGHT_HEADERS) {
      const v = s.requestHeaders[h];
      if (v !== undefined && v.length > 0) return;
    }
    s.refusal = new GraphQLError(CSRF_MESSAGE, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
  },
};
