import { registerEnumType } from 'type-graphql';
import { EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReviewStatus } from '../entities/enums';

registerEnumType(InstitutionKind, { name: 'InstitutionKind', description: 'What sort of body an institution is' });
registerEnumType(PlaceKind, { name: 'PlaceKind', description: 'Country, province, regency, city, district, village, venue or foreign region' });
registerEnumType(EventKind, { name: 'EventKind', description: 'Indonesian government event types (Rakor, Musrenbang, Pelantikan …)' });
registerEnumType(ParticipationRole, { name: 'ParticipationRole', description: 'What a person or institution did at an event' });
registerEnumType(ReviewStatus, { name: 'ReviewStatus', description: 'Editorial review state of an extracted mention' });
registerEnumType(EntityType, { name: 'EntityType', description: 'The kind of entity a mention points at' });

export { EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReviewStatus };
