/** Enumerations shared by the entities, the services and the GraphQL schema. */
export enum InstitutionKind {
  MINISTRY = 'MINISTRY',
  COORDINATING_MINISTRY = 'COORDINATING_MINISTRY',
  REGIONAL_GOVERNMENT = 'REGIONAL_GOVERNMENT',
  AGENCY = 'AGENCY',
  BUREAU = 'BUREAU',
  OFFICE = 'OFFICE',
  LEGISLATURE = 'LEGISLATURE',
  POLICE = 'POLICE',
  MILITARY = 'MILITARY',
  JUDICIARY = 'JUDICIARY',
  PROSECUTOR = 'PROSECUTOR',
  COMPANY = 'COMPANY',
  STATE_COMPANY = 'STATE_COMPANY',
  UNIVERSITY = 'UNIVERSITY',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  PARTY = 'PARTY',
  ORGANIZATION = 'ORGANIZATION',
  OTHER = 'OTHER',
}

export enum PlaceKind {
  COUNTRY = 'COUNTRY',
  PROVINCE = 'PROVINCE',
  REGENCY = 'REGENCY',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  VILLAGE = 'VILLAGE',
  VENUE = 'VENUE',
  REGION = 'REGION',
}

export enum EventKind {
  RAKOR = 'RAKOR',
  RAKORNAS = 'RAKORNAS',
  RAKER = 'RAKER',
  RAPAT = 'RAPAT',
  RAPAT_PARIPURNA = 'RAPAT_PARIPURNA',
  RDP = 'RDP',
  MUSRENBANG = 'MUSRENBANG',
  SOSIALISASI = 'SOSIALISASI',
  BIMTEK = 'BIMTEK',
  PELATIHAN = 'PELATIHAN',
  WORKSHOP = 'WORKSHOP',
  SEMINAR = 'SEMINAR',
  FGD = 'FGD',
  PELANTIKAN = 'PELANTIKAN',
  PERESMIAN = 'PERESMIAN',
  PENANDATANGANAN = 'PENANDATANGANAN',
  KUNKER = 'KUNKER',
  RESES = 'RESES',
  APEL = 'APEL',
  UPACARA = 'UPACARA',
  EXHIBITION = 'EXHIBITION',
  FESTIVAL = 'FESTIVAL',
  LAUNCHING = 'LAUNCHING',
  HEARING = 'HEARING',
  PEMILIHAN = 'PEMILIHAN',
  OTHER = 'OTHER',
}

export enum ParticipationRole {
  ORGANIZER = 'ORGANIZER',
  HOST = 'HOST',
  OPENER = 'OPENER',
  SPEAKER = 'SPEAKER',
  ATTENDEE = 'ATTENDEE',
}

export enum ReviewStatus {
  SUGGESTED = 'SUGGESTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

export enum EntityType {
  PERSON = 'PERSON',
  INSTITUTION = 'INSTITUTION',
  PLACE = 'PLACE',
  EVENT = 'EVENT',
}

export enum ApiRole {
  READER = 'reader',
  PARTNER = 'partner',
  ANALYST = 'analyst',
  EDITOR = 'editor',
  ADMIN = 'admin',
}

/** Roles ordered by privilege: a role may do what every earlier role may. */
export const ROLE_RANK: Record<ApiRole, number> = {
  [ApiRole.READER]: 0,
  [ApiRole.PARTNER]: 1,
  [ApiRole.ANALYST]: 2,
  [ApiRole.EDITOR]: 3,
  [ApiRole.ADMIN]: 4,
};
