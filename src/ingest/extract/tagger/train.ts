/** Training of the tagger (used by eval/train-tagger.ts on the corpus and by the unit tests on invented sentences). */
import { Labelled } from './conll';
import { sentOf } from './features';
import { Perceptron, rng } from './perceptron';

/** Words written in lower case somewhere in the training text (letters only, three or more). */
export function lexiconOf(data: Labelled[]): Set<string> {
  const out = new Set<string>();
  for (const d of data) for (const w of d.words) if (/^\p{Ll}{3,}$/u.test(w)) out.add(w);
  return out;
}

/**
 * Trains for `epochs` passes in a seeded shuffled order (deterministic) and returns the averaged model.
 * `onEpoch` sees the running model after each pass (eval/train-tagger.ts scores dev with it).
 */
export function train(data: Labelled[], epochs: number, seed = 7, onEpoch?: (epoch: number, p: Perceptron, errors: number) => void): Perceptron {
  const p = new Perceptron();
  p.lexicon = lexiconOf(data);
  const sents = data.map((d) => ({ s: sentOf(d.words, p.lexicon), tags: d.tags }));
  const next = rng(seed);
  const order = sents.map((_, i) => i);
  for (let e = 1; e <= epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let errors = 0;
    for (const i of order) errors += p.learn(sents[i].s, sents[i].tags);
    onEpoch?.(e, p, errors);
  }
  return p.averaged();
}
