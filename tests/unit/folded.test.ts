/** Which to-one fields a compiled query may read as properties: only where every occurrence sits under its folding list. */
import { OperationDefinitionNode, parse } from 'graphql';
import { buildWartaSchema } from '../../src/graphql/schema';
import { foldedFields } from '../../src/graphql/folded';

const folded = async (q: string) => {
  const r = foldedFields(await buildWartaSchema(), parse(q).definitions[0] as OperationDefinitionNode);
  return r ? [...r].sort() : null;
};

test('under Article.persons and Article.events, the folded fields are read directly', async () => {
  expect(await folded('{ articles { edges { node { persons { currentPosition { title institution { name } } } events { venue { name } city { name } organizers { name } } } } } }'))
    .toEqual(['Event.city', 'Event.organizers', 'Event.venue', 'Person.currentPosition', 'Position.institution']);
  expect(await folded('{ node(id: "x") { ... on Article { persons { currentPosition { title } } } } }')).toEqual(['Person.currentPosition']);
});

test('one occurrence outside a folding list keeps the resolver for that field', async () => {
  expect(await folded('{ person(slug: "x") { currentPosition { title } } articles { edges { node { persons { currentPosition { institution { name } } } } } } }'))
    .toEqual(['Position.institution']);
  expect(await folded('{ articles { edges { node { events { venue { name } } } } } event(slug: "y") { venue { name } } }')).toEqual([]);
  expect(await folded('{ events { edges { node { organizers { name } } } } }')).toEqual([]);
  expect(await folded('{ events { edges { node { venue { name } } } } event(slug: "y") { venue { name } } }')).toEqual([]);
});

test('each statement\'s folds apply beneath the field it answers, through connections, at any depth', async () => {
  // Event.participants folds each person's current position; Person.participations folds the person alone.
  expect(await folded('{ events { edges { node { venue { name } city { name } participants { role person { name currentPosition { title institution { name } } } } } } } }'))
    .toEqual(['Event.city', 'Event.venue', 'Participation.person', 'Person.currentPosition', 'Position.institution']);
  expect(await folded('{ person(slug: "x") { positions { institution { name } } participations { event { venue { name } } person { currentPosition { title } } } } }'))
    .toEqual(['Event.venue', 'Participation.person', 'Position.institution']);
  // A current position answered by its own loader carries its institution.
  expect(await folded('{ person(slug: "x") { currentPosition { institution { name } } } }')).toEqual(['Position.institution']);
  expect(await folded('{ attendance { edges { node { person { name } } } } }')).toEqual(['Participation.person']);
});

test('named fragments are not followed: nothing is read directly', async () => {
  expect(await folded('query { articles { edges { node { ...F } } } } fragment F on Article { persons { currentPosition { title } } }')).toBeNull();
});
