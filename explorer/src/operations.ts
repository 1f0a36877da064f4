/**
 * Every GraphQL operation the explorer sends. The build writes them, by hash, into trusted-documents.json, which Warta
 * loads at start: the explorer sends only an operation's hash (a persisted query it never has to register).
 */
export const RECENT_EVENTS = `{ events(first: 12) { edges { node { slug name kind startDate endDate city { name } } } } }`;
export const SEARCH = `query($q: String!) { search(query: $q, first: 30) { totalCount edges { node { kind title snippet node {
    ... on Article { slug } ... on Event { slug } ... on Person { slug } ... on Institution { slug } ... on Place { slug } } } } } }`;
export const EVENT_PAGE = `query($s: String!) { event(slug: $s) { id slug name kind startDate endDate participantCount shortName
    venue { name parent { name } } city { name parent { name } } organizers { slug name }
    participants { role person { slug name currentPosition { title institution { name } } } institution { slug name } }
    timeline { phase dayOffset article { slug title publishedOn outlet body mentions { start end entityType status } } } } }`;
export const PERSON_PAGE = `query($s: String!) { person(slug: $s) { id slug name aliases
    positions { title validFrom validTo institution { slug name } }
    participations { role date event { slug name kind startDate city { name } } }
    quotes { text article { slug title publishedOn } }
    coAttendees(first: 30) { totalCount edges { node { sharedEvents person { slug name } events { name } } } } } }`;
export const INSTITUTION_PAGE = `query($s: String!) { institution(slug: $s) { name acronym kind parent { slug name }
    officials { title validFrom validTo person { slug name } }
    events(first: 50, role: ORGANIZER) { totalCount edges { node { slug name startDate endDate } } }
    partners(first: 20) { edges { node { sharedEvents institution { slug name } } } } } }`;
export const TIMELINE_OPTIONS = `{ places(first: 100, filter: { kind: PROVINCE }) { edges { node { id name } } } regencies: places(first: 100, filter: { kind: REGENCY }) { edges { node { id name } } }
    cities: places(first: 100, filter: { kind: CITY }) { edges { node { id name } } } institutions(first: 100) { edges { node { id name } } } }`;
export const TIMELINE = `query($f: StatsFilter, $e: EventFilter, $p: StatsPeriod) { stats(filter: $f) { eventsPerPeriod(period: $p) { period count } eventsByKind { kind count } }
    events(first: 50, filter: $e) { totalCount edges { node { slug name kind startDate endDate city { name } } } } }`;
export const ARTICLE_PAGE = `query($s: String!) { article(slug: $s) { id slug title outlet publishedOn body
    mentions { id start end entityType status text person { slug name } institution { slug name } place { slug name } event { slug name } } } }`;
export const REVIEW_MENTION = `mutation($id: ID!, $s: ReviewStatus!) { reviewMention(id: $id, status: $s) { id status } }`;
export const PERSON_IDS = `query($a: String!, $b: String!) { a: person(slug: $a) { id } b: person(slug: $b) { id } }`;
export const MERGE_PERSONS = `mutation($s: ID!, $m: ID!) { mergePersons(survivorId: $s, mergedId: $m) { id } }`;
