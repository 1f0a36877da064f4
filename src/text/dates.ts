/** Calendar dates as the API, exports, partner routes and ingest accept them. */
import { isISO8601 } from 'class-validator';

/** A date written YYYY-MM-DD with a month and a day in range (the shape filters accept; see isCalendarDate for the calendar). */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date written YYYY-MM-DD: validator.js's strict ISO 8601 check (through class-validator) knows
 * month lengths and leap years, so 2019-02-30 and 2019-02-29 are refused, and year 0000 (which PostgreSQL's date
 * type does not have) too.
 */
export function isCalendarDate(v: unknown): v is string {
  return typeof v === 'string' && SHAPE.test(v) && !v.startsWith('0000') && isISO8601(v, { strict: true, strictSeparator: true });
}

export const CALENDAR_DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD';
