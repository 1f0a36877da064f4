import { registerEnumType } from 'type-graphql';
import { ApiRole, EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReviewStatus } from '../entities/enums';

registerEnumType(InstitutionKind, { name: 'InstitutionKind', description: 'What sort of body an institution is' });
registerEnumType(PlaceKind, { name: 'PlaceKind', description: 'Country, province, regency, city, district, village, venue or foreign region' });
registerEnumType(EventKind, { name: 'EventKind', description: 'Indonesian government event types (Rakor, Musrenbang, Pelantikan …)' });
registerEnumType(ParticipationRole, { name: 'ParticipationRole', description: 'What a person or institution did at an event' });
registerEnumType(ReviewStatus, { name: 'ReviewStatus', description: 'Editorial review state of an extracted mention' });
registerEnumType(EntityType, { name: 'EntityType', description: 'The kind of entity a mention points at' });

/** Sort and grouping choices: each maps to SQL inside the services, so clients never name columns. */
export enum AttendanceOrder { DATE_ASC = 'DATE_ASC', DATE_DESC = 'DATE_DESC' }
export enum StatsPeriod { MONTH = 'MONTH', YEAR = 'YEAR' }
export enum RegionLevel { PROVINCE = 'PROVINCE', REGENCY = 'REGENCY' }
export enum TimelineItemKind { POSITION = 'POSITION', EVENT = 'EVENT', QUOTE = 'QUOTE', ARTICLE = 'ARTICLE' }
export enum ReportPhase { FIRST_REPORT = 'FIRST_REPORT', REPORT = 'REPORT', FOLLOW_UP = 'FOLLOW_UP' }
export enum SearchKind { ARTICLE = 'ARTICLE', EVENT = 'EVENT', PERSON = 'PERSON', INSTITUTION = 'INSTITUTION', PLACE = 'PLACE' }
registerEnumType(SearchKind, { name: 'SearchKind', description: 'What a search hit is' });
registerEnumType(AttendanceOrder, { name: 'AttendanceOrder', description: 'Attendance rows by event date' });
registerEnumType(StatsPeriod, { name: 'StatsPeriod' });
registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'Count by province, or by regency/city' });
registerEnumType(TimelineItemKind, { name: 'TimelineItemKind' });
registerEnumType(ReportPhase, { name: 'ReportPhase', description: 'FIRST_REPORT: the earliest article; REPORT: up to the event\'s end; FOLLOW_UP: after it' });

export enum EmbedSurface { CARD = 'CARD', LIST = 'LIST', FEED = 'FEED', EVENT_ICS = 'EVENT_ICS', JSONLD = 'JSONLD', OEMBED = 'OEMBED' }
registerEnumType(EmbedSurface, { name: 'EmbedSurface', description: 'Which partner surface was viewed' });
registerEnumType(ApiRole, { name: 'ApiRole', description: 'What an API key may do: reader < partner < analyst < editor < admin' });

export { ApiRole, EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReviewStatus };
