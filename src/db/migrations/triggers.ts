import type { QueryRunner } from 'typeorm';

/**
 * What the tally migrations install and remove, written once: PostgreSQL trigger functions and their triggers, or
 * SQLite triggers whose bodies are statement lists. Not a migration itself (migrations/index.ts lists those).
 */
export interface Triggers {
  /** `CREATE FUNCTION name() …` statements. */
  pgFunctions: string[];
  pgTriggers: Array<[name: string, table: string, sql: string]>;
  sqlite: Array<[name: string, head: string, body: string[]]>;
}

const isPostgres = (q: QueryRunner) => q.connection.options.type === 'postgres';

export async function createTriggers(q: QueryRunner, t: Triggers): Promise<void> {
  if (isPostgres(q)) {
    for (const sql of t.pgFunctions) await q.query(sql);
    for (const [name, , sql] of t.pgTriggers) await q.query(`CREATE TRIGGER ${name} ${sql}`);
  } else {
    for (const [name, head, body] of t.sqlite) await q.query(`CREATE TRIGGER "${name}" ${head} BEGIN\n  ${body.join(';\n  ')};\nEND`);
  }
}

export async function dropTriggers(q: QueryRunner, t: Triggers): Promise<void> {
  if (isPostgres(q)) {
    for (const [name, table] of t.pgTriggers) await q.query(`DROP TRIGGER ${name} ON ${table}`);
    for (const sql of t.pgFunctions) await q.query(`DROP FUNCTION ${/FUNCTION\s+(\w+)\(\)/.exec(sql)![1]}()`);
  } else {
    for (const [name] of t.sqlite) await q.query(`DROP TRIGGER "${name}"`);
  }
}

/** Statements run on PostgreSQL only (SQLite's row triggers need no change). */
export async function onPostgres(q: QueryRunner, statements: string[]): Promise<void> {
  if (!isPostgres(q)) return;
  for (const sql of statements) await q.query(sql);
}

/**
 * A plpgsql trigger function that takes OLD's share away on UPDATE and DELETE and adds NEW's on INSERT and UPDATE, and
 * returns the row (a BEFORE trigger must; an AFTER trigger ignores it).
 */
export const deltaFunction = (name: string, minus: string[], plus: string[]) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN ${minus.join(';\n    ')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN ${plus.join(';\n    ')};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$`;
