import { Article } from './article.entity';
import { ArticleEvent } from './article-event.entity';
import { ApiKey } from './api-key.entity';
import { Event } from './event.entity';
import { EventOrganizer } from './event-organizer.entity';
import { Institution } from './institution.entity';
import { InstitutionAlias } from './institution-alias.entity';
import { Mention } from './mention.entity';
import { Participation } from './participation.entity';
import { Person } from './person.entity';
import { Place } from './place.entity';
import { Position } from './position.entity';
import { Quote } from './quote.entity';
import { UnresolvedMention } from './unresolved-mention.entity';
import { EmbedView } from './embed-view.entity';
import { EventTally } from './event-tally.entity';
import { EventTallyMonthKind } from './event-tally-month-kind.entity';
import { EventTallyKindCity } from './event-tally-kind-city.entity';
import { EventTallyMonth } from './event-tally-month.entity';
import { EventTallyKind } from './event-tally-kind.entity';
import { EventTallyCity } from './event-tally-city.entity';
import { OrganizerTally } from './organizer-tally.entity';
import { PersonEventTally } from './person-event-tally.entity';
import { PersonMentionTally } from './person-mention-tally.entity';
import { PersonPairTally } from './person-pair-tally.entity';
import { PersonCoattendeeTally } from './person-coattendee-tally.entity';
import { PersonTimelineTally } from './person-timeline-tally.entity';
import { OrganizerAttendanceTally } from './organizer-attendance-tally.entity';
import { PersonYearTally } from './person-year-tally.entity';
import { OrganizerYearTally } from './organizer-year-tally.entity';
import { EventTallyYearCity } from './event-tally-year-city.entity';
import { EventInstitution } from './event-institution.entity';
import { InstitutionPairTally } from './institution-pair-tally.entity';
import { InstitutionPartnerTally } from './institution-partner-tally.entity';

export * from './enums';
export { Article, ArticleEvent, ApiKey, Event, EventOrganizer, Institution, InstitutionAlias, Mention, Participation, Person, Place, Position, Quote, UnresolvedMention, EmbedView,
  EventTally, EventTallyMonthKind, EventTallyKindCity, EventTallyMonth, EventTallyKind, EventTallyCity, OrganizerTally, PersonEventTally, PersonMentionTally,
  PersonPairTally, PersonCoattendeeTally, PersonTimelineTally, OrganizerAttendanceTally, PersonYearTally, OrganizerYearTally, EventTallyYearCity,
  EventInstitution, InstitutionPairTally, InstitutionPartnerTally };

export const ENTITIES = [Article, ArticleEvent, ApiKey, Event, EventOrganizer, Institution, InstitutionAlias, Mention, Participation, Person, Place, Position, Quote, UnresolvedMention, EmbedView,
  EventTally, EventTallyMonthKind, EventTallyKindCity, EventTallyMonth, EventTallyKind, EventTallyCity, OrganizerTally, PersonEventTally, PersonMentionTally,
  PersonPairTally, PersonCoattendeeTally, PersonTimelineTally, OrganizerAttendanceTally, PersonYearTally, OrganizerYearTally, EventTallyYearCity,
  EventInstitution, InstitutionPairTally, InstitutionPartnerTally];
