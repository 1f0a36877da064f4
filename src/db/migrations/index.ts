import { InitialSchema1732752000000 } from './1732752000000-initial-schema';
import { UnresolvedMentions1764300000000 } from './1764300000000-unresolved-mentions';
import { SearchIndex1764310000000 } from './1764310000000-search-index';
import { AnalyticsIndexes1764320000000 } from './1764320000000-analytics-indexes';
import { EmbedViews1764330000000 } from './1764330000000-embed-views';
import { KeysetIndexes1764340000000 } from './1764340000000-keyset-indexes';
import { CurrentPositionIndex1764350000000 } from './1764350000000-current-position-index';
import { MentionArticleDate1764360000000 } from './1764360000000-mention-article-date';
import { OneMentionEntityIndex1764370000000 } from './1764370000000-one-mention-entity-index';
import { SearchVectorFromApp1764380000000 } from './1764380000000-search-vector-from-app';
import { SearchOutbox1764390000000 } from './1764390000000-search-outbox';
import { PersonResolution1764400000000 } from './1764400000000-person-resolution';
import { EventRevision1764410000000 } from './1764410000000-event-revision';
import { ForeignKeys1764420000000 } from './1764420000000-foreign-keys';
import { ArticleSourceId1764430000000 } from './1764430000000-article-source-id';
import { PartnerPublicId1764440000000 } from './1764440000000-partner-public-id';
import { NodeKeys1764450000000 } from './1764450000000-node-keys';
import { Tallies1764460000000 } from './1764460000000-tallies';
import { NameTrigrams1764470000000 } from './1764470000000-name-trigrams';
import { EntityListDates1764480000000 } from './1764480000000-entity-list-dates';
import { PairTallies1764490000000 } from './1764490000000-pair-tallies';
import { TimelineTally1764500000000 } from './1764500000000-timeline-tally';
import { OrganizerAttendanceTally1764510000000 } from './1764510000000-organizer-attendance-tally';
import { ParticipantOrder1764520000000 } from './1764520000000-participant-order';
import { TalliesPerStatement1764530000000 } from './1764530000000-tallies-per-statement';
import { YearTallies1764540000000 } from './1764540000000-year-tallies';
import { EventYearCityTally1764550000000 } from './1764550000000-event-year-city-tally';
import { EventTallyCityMonthIndex1764560000000 } from './1764560000000-event-tally-city-month-index';
import { InstitutionPairTally1764570000000 } from './1764570000000-institution-pair-tally';
import { TimelineMentionTriggers1764580000000 } from './1764580000000-timeline-mention-triggers';
import { OrganizerAttendanceBefore1764590000000 } from './1764590000000-organizer-attendance-before';
import { ExportOrderIndex1764600000000 } from './1764600000000-export-order-index';

/** Every migration, in order. */
export const MIGRATIONS = [InitialSchema1732752000000, UnresolvedMentions1764300000000, SearchIndex1764310000000, AnalyticsIndexes1764320000000, EmbedViews1764330000000, KeysetIndexes1764340000000, CurrentPositionIndex1764350000000, MentionArticleDate1764360000000, OneMentionEntityIndex1764370000000,
  SearchVectorFromApp1764380000000, SearchOutbox1764390000000, PersonResolution1764400000000, EventRevision1764410000000, ForeignKeys1764420000000, ArticleSourceId1764430000000,
  PartnerPublicId1764440000000, NodeKeys1764450000000, Tallies1764460000000, NameTrigrams1764470000000,
  EntityListDates1764480000000, PairTallies1764490000000, TimelineTally1764500000000,
  OrganizerAttendanceTally1764510000000, ParticipantOrder1764520000000, TalliesPerStatement1764530000000,
  YearTallies1764540000000, EventYearCityTally1764550000000,
  EventTallyCityMonthIndex1764560000000, InstitutionPairTally1764570000000,
  TimelineMentionTriggers1764580000000, OrganizerAttendanceBefore1764590000000, ExportOrderIndex1764600000000];
