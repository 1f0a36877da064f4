import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/** A TypeORM logger that counts the SQL statements run (golden tests assert these counts). */
export class SqlCounter extends AbstractLogger {
  count = 0;
  statements: string[] = [];
  keep = false;
  reset(keep = false): void { this.count = 0; this.statements = []; this.keep = keep; }
  logQuery(query: string): void {
    if (/^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i.test(query.trim())) return;
    this.count++;
    if (this.keep) this.statements.push(query);
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _qr?: QueryRunner): void { /* counted in logQuery */ }
}
