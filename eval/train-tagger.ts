/**
 * `npm run train-tagger`: trains the averaged-perceptron tagger on idner-news-2k (../shared/corpus/ner) and writes
 * src/ingest/extract/tagger/model.json. The epoch count is chosen on dev.txt, then the model is retrained on train+dev
 * with that count; test.txt is never seen here (npm run eval scores it). Deterministic: a seeded shuffle per epoch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatScores, Labelled, readConll, scoreEntities } from '../src/ingest/extract/tagger/conll';
import { sentOf } from '../src/ingest/extract/tagger/features';
import { Perceptron, rng } from '../src/ingest/extract/tagger/perceptron';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/ner/idner-news-2k');
const OUT = path.resolve(__dirname, '../../src/ingest/extract/tagger/model.json');
const MAX_EPOCHS = Number(process.env.EPOCHS ?? 12);

export function train(data: Labelled[], epochs: number, seed = 7, onEpoch?: (e: number, p: Perceptron) => void): Perceptron {
  const p = new Perceptron();
  p.lexicon = lexiconOf(data);
  const sents = data.map((d) => ({ s: sentOf(d.words, p.lexicon), tags: d.tags }));
  const next = rng(seed);
  const order = sents.map((_, i) => i);
  for (let e = 1; e <= epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let errors = 0;
    for (const i of order) errors += p.learn(sents[i].s, sents[i].tags);
    if (onEpoch) onEpoch(e, p);
    else console.log(`epoch ${e}: ${errors} token errors`);
  }
  return p.averaged();
}

/** Words written in lower case somewhere in the training text (letters only, three or more). */
export function lexiconOf(data: Labelled[]): Set<string> {
  const out = new Set<string>();
  for (const d of data) for (const w of d.words) if (/^\p{Ll}{3,}$/u.test(w)) out.add(w);
  return out;
}

function evaluate(p: Perceptron, data: Labelled[]) {
  return scoreEntities(data.map((d) => d.tags), data.map((d) => p.tagWords(d.words)));
}

function main() {
  const read = (f: string) => readConll(fs.readFileSync(path.join(CORPUS, f), 'utf8'));
  const trainSet = read('train.txt'), dev = read('dev.txt');
  let bestE = 1, bestF = -1;
  train(trainSet, MAX_EPOCHS, 7, (e, p) => {
    const f = evaluate(p.averaged(), dev).ALL.f1;
    console.log(`epoch ${e}: dev F1 ${f.toFixed(4)}`);
    if (f > bestF) { bestF = f; bestE = e; }
  });
  console.log(`best epoch count on dev: ${bestE} (F1 ${bestF.toFixed(4)}); retraining on train+dev`);
  const p = train([...trainSet, ...dev], bestE);
  const json = p.toJSON(1000, Number(process.env.MIN_ABS ?? 20));
  fs.writeFileSync(OUT, JSON.stringify(json));
  const back = Perceptron.fromJSON(json);
  console.log(`wrote ${OUT}: ${Object.keys(json.weights).length} features, ${(fs.statSync(OUT).size / 1e6).toFixed(2)} MB`);
  console.log('dev (seen in the final training, for reference):\n' + formatScores(evaluate(back, dev)));
}
if (require.main === module) main();
