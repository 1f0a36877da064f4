import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial schema. SQLite and PostgreSQL spell their DDL differently, so each gets its own
 * statements; tests check that after all migrations the entities need no further change on either.
 */
export class InitialSchema1732752000000 implements MigrationInterface {
  name = 'InitialSchema1732752000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = q.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const s of statements) await q.query(s);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['quote', 'position', 'place', 'person', 'participation', 'mention', 'institution_alias', 'institution',
      'event_organizer', 'event', 'api_key', 'article_event', 'article']) await q.query(`DROP TABLE "${t}"`);
  }
}

const SQLITE = [
      "CREATE TABLE \"article\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"slug\" varchar(200) NOT NULL, \"title\" varchar(500) NOT NULL, \"section\" varchar(100), \"outlet\" varchar(100), \"dateline\" varchar(100), \"byline\" varchar(100), \"published_on\" date, \"published_at\" varchar(40), \"language\" varchar(8) NOT NULL DEFAULT ('id'), \"body\" text NOT NULL, \"related\" text NOT NULL, \"source_url\" varchar(1000), \"content_hash\" varchar(64) NOT NULL, \"extractor_version\" varchar(40) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_0ab85f4be07b22d79906671d72f\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_b915c1de716a4147c4fede756ed\" UNIQUE (\"source_url\"), CONSTRAINT \"UQ_b80bf74890768a0158a882c50e6\" UNIQUE (\"content_hash\"))",
      "CREATE INDEX \"idx_article_section\" ON \"article\" (\"section\", \"published_on\") ",
      "CREATE INDEX \"idx_article_outlet\" ON \"article\" (\"outlet\", \"published_on\") ",
      "CREATE INDEX \"idx_article_published\" ON \"article\" (\"published_on\", \"id\") ",
      "CREATE TABLE \"article_event\" (\"article_id\" integer NOT NULL, \"event_id\" integer NOT NULL, PRIMARY KEY (\"article_id\", \"event_id\"))",
      "CREATE INDEX \"idx_article_event_event\" ON \"article_event\" (\"event_id\") ",
      "CREATE TABLE \"api_key\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(100) NOT NULL, \"role\" varchar(20) NOT NULL, \"prefix\" varchar(12) NOT NULL, \"hash\" varchar(64) NOT NULL, \"origins\" text NOT NULL, \"revoked\" boolean NOT NULL DEFAULT (0), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_45e0aa2a880b928326a05a28885\" UNIQUE (\"hash\"))",
      "CREATE TABLE \"event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"slug\" varchar(200) NOT NULL, \"name\" varchar(500) NOT NULL, \"short_name\" varchar(300), \"aliases\" text NOT NULL, \"kind\" varchar(40) NOT NULL, \"start_date\" date, \"end_date\" date, \"venue_id\" integer, \"city_id\" integer, \"participant_count\" integer, \"participant_count_article_id\" integer, \"merged_into_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_9d0d870657c4fac264cdca048e8\" UNIQUE (\"slug\"))",
      "CREATE INDEX \"idx_event_venue\" ON \"event\" (\"venue_id\") ",
      "CREATE INDEX \"idx_event_city\" ON \"event\" (\"city_id\") ",
      "CREATE INDEX \"idx_event_kind\" ON \"event\" (\"kind\", \"start_date\") ",
      "CREATE INDEX \"idx_event_start\" ON \"event\" (\"start_date\", \"id\") ",
      "CREATE TABLE \"event_organizer\" (\"event_id\" integer NOT NULL, \"institution_id\" integer NOT NULL, PRIMARY KEY (\"event_id\", \"institution_id\"))",
      "CREATE INDEX \"idx_event_organizer_inst\" ON \"event_organizer\" (\"institution_id\") ",
      "CREATE TABLE \"institution\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"slug\" varchar(200) NOT NULL, \"name\" varchar(300) NOT NULL, \"name_key\" varchar(300) NOT NULL, \"acronym\" varchar(60), \"aliases\" text NOT NULL, \"kind\" varchar(40) NOT NULL, \"parent_id\" integer, \"region_code\" varchar(20), \"merged_into_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_eef02e265f84ceb9d48b88015f9\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_41216710e36faf1273bf20403fa\" UNIQUE (\"name_key\"))",
      "CREATE INDEX \"idx_institution_kind\" ON \"institution\" (\"kind\") ",
      "CREATE INDEX \"idx_institution_parent\" ON \"institution\" (\"parent_id\") ",
      "CREATE TABLE \"institution_alias\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"alias_key\" varchar(300) NOT NULL, \"institution_id\" integer NOT NULL)",
      "CREATE INDEX \"idx_institution_alias_inst\" ON \"institution_alias\" (\"institution_id\") ",
      "CREATE UNIQUE INDEX \"uq_institution_alias\" ON \"institution_alias\" (\"alias_key\", \"institution_id\") ",
      "CREATE TABLE \"mention\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"article_id\" integer NOT NULL, \"entity_type\" varchar(20) NOT NULL, \"entity_id\" integer NOT NULL, \"start\" integer NOT NULL, \"end\" integer NOT NULL, \"text\" varchar(500) NOT NULL, \"confidence\" real NOT NULL, \"extractor_version\" varchar(40) NOT NULL, \"status\" varchar(20) NOT NULL DEFAULT ('SUGGESTED'))",
      "CREATE INDEX \"idx_mention_entity\" ON \"mention\" (\"entity_type\", \"entity_id\", \"article_id\") ",
      "CREATE UNIQUE INDEX \"uq_mention_span\" ON \"mention\" (\"article_id\", \"entity_type\", \"start\", \"end\") ",
      "CREATE TABLE \"participation\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"person_id\" integer, \"institution_id\" integer, \"party_key\" varchar(30) NOT NULL, \"role\" varchar(20) NOT NULL, \"evidence_article_id\" integer)",
      "CREATE INDEX \"idx_participation_institution\" ON \"participation\" (\"institution_id\") ",
      "CREATE INDEX \"idx_participation_person\" ON \"participation\" (\"person_id\") ",
      "CREATE UNIQUE INDEX \"uq_participation\" ON \"participation\" (\"event_id\", \"party_key\", \"role\") ",
      "CREATE TABLE \"person\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"slug\" varchar(200) NOT NULL, \"name\" varchar(200) NOT NULL, \"name_key\" varchar(200) NOT NULL, \"aliases\" text NOT NULL, \"merged_into_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_48e444390904f250a3b20e4d575\" UNIQUE (\"slug\"))",
      "CREATE INDEX \"idx_person_name_key\" ON \"person\" (\"name_key\") ",
      "CREATE TABLE \"place\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"slug\" varchar(200) NOT NULL, \"name\" varchar(300) NOT NULL, \"name_key\" varchar(300) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parent_id\" integer, \"scope_key\" integer NOT NULL DEFAULT (0), \"region_code\" varchar(20), CONSTRAINT \"UQ_1443badb6c7af8994264958b4d3\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_a08e9fb312718b2c5aaa2150053\" UNIQUE (\"region_code\"))",
      "CREATE INDEX \"idx_place_parent\" ON \"place\" (\"parent_id\") ",
      "CREATE UNIQUE INDEX \"uq_place_scope\" ON \"place\" (\"name_key\", \"kind\", \"scope_key\") ",
      "CREATE TABLE \"position\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"title\" varchar(200) NOT NULL, \"institution_id\" integer, \"valid_from\" date, \"valid_to\" date, \"evidence_article_id\" integer)",
      "CREATE INDEX \"idx_position_institution\" ON \"position\" (\"institution_id\") ",
      "CREATE INDEX \"idx_position_person\" ON \"position\" (\"person_id\", \"valid_from\") ",
      "CREATE TABLE \"quote\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"article_id\" integer NOT NULL, \"person_id\" integer, \"speaker_name\" varchar(200), \"text\" text NOT NULL, \"start\" integer NOT NULL, \"end\" integer NOT NULL)",
      "CREATE INDEX \"idx_quote_person\" ON \"quote\" (\"person_id\") ",
      "CREATE UNIQUE INDEX \"uq_quote_span\" ON \"quote\" (\"article_id\", \"start\") "
];

const POSTGRES = [
      "CREATE TABLE \"article\" (\"id\" SERIAL NOT NULL, \"slug\" character varying(200) NOT NULL, \"title\" character varying(500) NOT NULL, \"section\" character varying(100), \"outlet\" character varying(100), \"dateline\" character varying(100), \"byline\" character varying(100), \"published_on\" date, \"published_at\" character varying(40), \"language\" character varying(8) NOT NULL DEFAULT 'id', \"body\" text NOT NULL, \"related\" text NOT NULL, \"source_url\" character varying(1000), \"content_hash\" character varying(64) NOT NULL, \"extractor_version\" character varying(40) NOT NULL, \"created_at\" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT \"UQ_0ab85f4be07b22d79906671d72f\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_b915c1de716a4147c4fede756ed\" UNIQUE (\"source_url\"), CONSTRAINT \"UQ_b80bf74890768a0158a882c50e6\" UNIQUE (\"content_hash\"), CONSTRAINT \"PK_40808690eb7b915046558c0f81b\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_article_section\" ON \"article\"  (\"section\", \"published_on\") ",
      "CREATE INDEX \"idx_article_outlet\" ON \"article\"  (\"outlet\", \"published_on\") ",
      "CREATE INDEX \"idx_article_published\" ON \"article\"  (\"published_on\", \"id\") ",
      "CREATE TABLE \"article_event\" (\"article_id\" integer NOT NULL, \"event_id\" integer NOT NULL, CONSTRAINT \"PK_8f8c8fb283bc36bffb9342b6c71\" PRIMARY KEY (\"article_id\", \"event_id\"))",
      "CREATE INDEX \"idx_article_event_event\" ON \"article_event\"  (\"event_id\") ",
      "CREATE TABLE \"api_key\" (\"id\" SERIAL NOT NULL, \"name\" character varying(100) NOT NULL, \"role\" character varying(20) NOT NULL, \"prefix\" character varying(12) NOT NULL, \"hash\" character varying(64) NOT NULL, \"origins\" text NOT NULL, \"revoked\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT \"UQ_45e0aa2a880b928326a05a28885\" UNIQUE (\"hash\"), CONSTRAINT \"PK_b1bd840641b8acbaad89c3d8d11\" PRIMARY KEY (\"id\"))",
      "CREATE TABLE \"event\" (\"id\" SERIAL NOT NULL, \"slug\" character varying(200) NOT NULL, \"name\" character varying(500) NOT NULL, \"short_name\" character varying(300), \"aliases\" text NOT NULL, \"kind\" character varying(40) NOT NULL, \"start_date\" date, \"end_date\" date, \"venue_id\" integer, \"city_id\" integer, \"participant_count\" integer, \"participant_count_article_id\" integer, \"merged_into_id\" integer, \"created_at\" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT \"UQ_9d0d870657c4fac264cdca048e8\" UNIQUE (\"slug\"), CONSTRAINT \"PK_30c2f3bbaf6d34a55f8ae6e4614\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_event_venue\" ON \"event\"  (\"venue_id\") ",
      "CREATE INDEX \"idx_event_city\" ON \"event\"  (\"city_id\") ",
      "CREATE INDEX \"idx_event_kind\" ON \"event\"  (\"kind\", \"start_date\") ",
      "CREATE INDEX \"idx_event_start\" ON \"event\"  (\"start_date\", \"id\") ",
      "CREATE TABLE \"event_organizer\" (\"event_id\" integer NOT NULL, \"institution_id\" integer NOT NULL, CONSTRAINT \"PK_dd2b924ad40f0f419a603e9904d\" PRIMARY KEY (\"event_id\", \"institution_id\"))",
      "CREATE INDEX \"idx_event_organizer_inst\" ON \"event_organizer\"  (\"institution_id\") ",
      "CREATE TABLE \"institution\" (\"id\" SERIAL NOT NULL, \"slug\" character varying(200) NOT NULL, \"name\" character varying(300) NOT NULL, \"name_key\" character varying(300) NOT NULL, \"acronym\" character varying(60), \"aliases\" text NOT NULL, \"kind\" character varying(40) NOT NULL, \"parent_id\" integer, \"region_code\" character varying(20), \"merged_into_id\" integer, \"created_at\" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT \"UQ_eef02e265f84ceb9d48b88015f9\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_41216710e36faf1273bf20403fa\" UNIQUE (\"name_key\"), CONSTRAINT \"PK_f60ee4ff0719b7df54830b39087\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_institution_kind\" ON \"institution\"  (\"kind\") ",
      "CREATE INDEX \"idx_institution_parent\" ON \"institution\"  (\"parent_id\") ",
      "CREATE TABLE \"institution_alias\" (\"id\" SERIAL NOT NULL, \"alias_key\" character varying(300) NOT NULL, \"institution_id\" integer NOT NULL, CONSTRAINT \"PK_c32e78ad5942bf9c92535128981\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_institution_alias_inst\" ON \"institution_alias\"  (\"institution_id\") ",
      "CREATE UNIQUE INDEX \"uq_institution_alias\" ON \"institution_alias\"  (\"alias_key\", \"institution_id\") ",
      "CREATE TABLE \"mention\" (\"id\" SERIAL NOT NULL, \"article_id\" integer NOT NULL, \"entity_type\" character varying(20) NOT NULL, \"entity_id\" integer NOT NULL, \"start\" integer NOT NULL, \"end\" integer NOT NULL, \"text\" character varying(500) NOT NULL, \"confidence\" real NOT NULL, \"extractor_version\" character varying(40) NOT NULL, \"status\" character varying(20) NOT NULL DEFAULT 'SUGGESTED', CONSTRAINT \"PK_9b02b76c4b65e3c35c1a545bf57\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_mention_entity\" ON \"mention\"  (\"entity_type\", \"entity_id\", \"article_id\") ",
      "CREATE UNIQUE INDEX \"uq_mention_span\" ON \"mention\"  (\"article_id\", \"entity_type\", \"start\", \"end\") ",
      "CREATE TABLE \"participation\" (\"id\" SERIAL NOT NULL, \"event_id\" integer NOT NULL, \"person_id\" integer, \"institution_id\" integer, \"party_key\" character varying(30) NOT NULL, \"role\" character varying(20) NOT NULL, \"evidence_article_id\" integer, CONSTRAINT \"PK_ba5442bab90fc96ddde456c69e1\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_participation_institution\" ON \"participation\"  (\"institution_id\") ",
      "CREATE INDEX \"idx_participation_person\" ON \"participation\"  (\"person_id\") ",
      "CREATE UNIQUE INDEX \"uq_participation\" ON \"participation\"  (\"event_id\", \"party_key\", \"role\") ",
      "CREATE TABLE \"person\" (\"id\" SERIAL NOT NULL, \"slug\" character varying(200) NOT NULL, \"name\" character varying(200) NOT NULL, \"name_key\" character varying(200) NOT NULL, \"aliases\" text NOT NULL, \"merged_into_id\" integer, \"created_at\" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT \"UQ_48e444390904f250a3b20e4d575\" UNIQUE (\"slug\"), CONSTRAINT \"PK_5fdaf670315c4b7e70cce85daa3\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_person_name_key\" ON \"person\"  (\"name_key\") ",
      "CREATE TABLE \"place\" (\"id\" SERIAL NOT NULL, \"slug\" character varying(200) NOT NULL, \"name\" character varying(300) NOT NULL, \"name_key\" character varying(300) NOT NULL, \"kind\" character varying(20) NOT NULL, \"parent_id\" integer, \"scope_key\" integer NOT NULL DEFAULT '0', \"region_code\" character varying(20), CONSTRAINT \"UQ_1443badb6c7af8994264958b4d3\" UNIQUE (\"slug\"), CONSTRAINT \"UQ_a08e9fb312718b2c5aaa2150053\" UNIQUE (\"region_code\"), CONSTRAINT \"PK_96ab91d43aa89c5de1b59ee7cca\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_place_parent\" ON \"place\"  (\"parent_id\") ",
      "CREATE UNIQUE INDEX \"uq_place_scope\" ON \"place\"  (\"name_key\", \"kind\", \"scope_key\") ",
      "CREATE TABLE \"position\" (\"id\" SERIAL NOT NULL, \"person_id\" integer NOT NULL, \"title\" character varying(200) NOT NULL, \"institution_id\" integer, \"valid_from\" date, \"valid_to\" date, \"evidence_article_id\" integer, CONSTRAINT \"PK_b7f483581562b4dc62ae1a5b7e2\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_position_institution\" ON \"position\"  (\"institution_id\") ",
      "CREATE INDEX \"idx_position_person\" ON \"position\"  (\"person_id\", \"valid_from\") ",
      "CREATE TABLE \"quote\" (\"id\" SERIAL NOT NULL, \"article_id\" integer NOT NULL, \"person_id\" integer, \"speaker_name\" character varying(200), \"text\" text NOT NULL, \"start\" integer NOT NULL, \"end\" integer NOT NULL, CONSTRAINT \"PK_b772d4cb09e587c8c72a78d2439\" PRIMARY KEY (\"id\"))",
      "CREATE INDEX \"idx_quote_person\" ON \"quote\"  (\"person_id\") ",
      "CREATE UNIQUE INDEX \"uq_quote_span\" ON \"quote\"  (\"article_id\", \"start\") "
];
