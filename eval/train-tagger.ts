/**
 * `npm run train-tagger`: trains the averaged-perceptron tagger on idner-news-2k (../shared/corpus/ner) and writes
 * src/ingest/extract/tagger/model.json. The epoch count is chosen on dev.txt, then the model is retrained on train+dev
 * with that count; test.txt is never seen here (npm run eval scores it). Deterministic: a seeded shuffle per epoch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatScores, Labelled, readConll, scoreEntities } from '../src/ingest/extract/tagger/conll';
import { Perceptron } from '../src/ingest/extract/tagger/perceptron';
import { train } from '../src/ingest/extract/tagger/train';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/ner/idner-news-2k');
const OUT = path.resolve(__dirname, '../../src/ingest/extract/tagger/model.json');
const MAX_EPOCHS = Number(process.env.EPOCHS ?? 12);

function evaluate(p: Perceptron, data: Labelled[]) {
  return scoreEntities(data.map((d) => d.tags), data.map((d) => p.tagWords(d.words)));
}

function main() {
  if (!fs.existsSync(CORPUS)) { console.error(`train-tagger needs ${CORPUS}`); process.exit(2); }
  const read = (f: string) => readConll(fs.readFileSync(path.join(CORPUS, f), 'utf8'));
  const trainSet = read('train.txt'), dev = read('dev.txt');
  let bestE = 1, bestF = -1;
  train(trainSet, MAX_EPOCHS, 7, (e, p) => {
    const f = evaluate(p.averaged(), dev).ALL.f1;
    console.log(`epoch ${e}: dev F1 ${f.toFixed(4)}`);
    if (f > bestF) { bestF = f; bestE = e; }
  });
  console.log(`best epoch count on dev: ${bestE} (F1 ${bestF.toFixed(4)}); retraining on train+dev`);
  const p = train([...trainSet, ...dev], bestE, 7, (e, _p, errors) => console.log(`epoch ${e}: ${errors} token errors`));
  // Weights below 0.02 (most of a feature's per-tag weights are far larger) are dropped to keep the file small.
  const json = p.toJSON(1000, Number(process.env.MIN_ABS ?? 20));
  fs.writeFileSync(OUT, JSON.stringify(json));
  console.log(`wrote ${OUT}: ${Object.keys(json.weights).length} features, ${(fs.statSync(OUT).size / 1e6).toFixed(2)} MB`);
  console.log('dev (seen in the final training, for reference):\n' + formatScores(evaluate(Perceptron.fromJSON(json), dev)));
}
if (require.main === module) main();
