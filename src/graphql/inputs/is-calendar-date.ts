import { ValidateBy } from 'class-validator';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../../text/dates';

/** A calendar date (not only its shape: 2019-02-30 and 0000-01-01 are refused), the field named in the error. */
export const IsCalendarDate = () => ValidateBy({ name: 'isCalendarDate', validator: { validate: (v) => isCalendarDate(v), defaultMessage: () => `$property ${CALENDAR_DATE_MESSAGE}` } });
