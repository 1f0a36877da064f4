/** The Relay connection types of the lists the schema pages. */
import { Connection } from '../connection';
import { Article } from './article.type';
import { Person } from './person.type';
import { Institution } from './institution.type';
import { Place } from './place.type';
import { Event } from './event.type';
import { Participation } from './participation.type';
import { CoAttendee } from './co-attendee.type';
import { InstitutionPartner } from './institution-partner.type';
import { TimelineItem } from './timeline-item.type';
import { SearchHit } from './search-hit.type';

export const ArticleConnection = Connection(Article);
export const SearchHitConnection = Connection(SearchHit);
export const CoAttendeeConnection = Connection(CoAttendee);
export const InstitutionPartnerConnection = Connection(InstitutionPartner);
export const TimelineItemConnection = Connection(TimelineItem);
export const PersonConnection = Connection(Person);
export const InstitutionConnection = Connection(Institution);
export const PlaceConnection = Connection(Place);
export const EventConnection = Connection(Event);
export const ParticipationConnection = Connection(Participation);
