import { IsOptional, IsUrl, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An article to ingest: either raw `text` (scraped page or plain text) or structured fields' })
export class IngestArticleInput {
  @Field({ nullable: true, description: 'Raw text: the scraped page format or "title, blank line, body"' }) @IsOptional() @MinLength(1) @MaxLength(2_000_000) text?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(500) title?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(2_000_000) body?: string;
  @Field({ nullable: true }) @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(1000) url?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) outlet?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) section?: string;
  @Field({ nullable: true, description: 'ISO date or time, or the date as the site prints it' }) @IsOptional() @MaxLength(100) publishedAt?: string;
}
