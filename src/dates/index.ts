/**
 * Dates and time zones: parsing date values from queries, resolving relative dates against a clock in a time zone,
 * and day arithmetic. See each module for shapes and units.
 */
export { resolveTimeZone, maxTimeZoneLength, type TimeZoneResult } from './timeZone.js';
export { resolveClock, type ClockResult } from './clock.js';
export {
  parseDateValue,
  expectedDateMessage,
  type DateValue,
  type DateError,
  type DateContext,
} from './dateValue.js';
export { addDays, isValidDay, formatDay, calendarDateProblem, minYear, maxYear } from './calendar.js';
export { parseInstant, type InstantParse } from './instant.js';
export {
  isRelativeDateSyntax,
  resolveRelativeDate,
  maxAmountDigits,
  maxRelativeLength,
  type DateMathUnit,
  type RelativeResult,
} from './relative.js';
export { ianaZoneNames } from './zoneNames.js';
