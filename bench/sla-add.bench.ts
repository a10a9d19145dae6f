// Run: npx tsx bench/sla-add.bench.ts [iterations]
import { runSlaAdditionBench } from './sla-add.js';

const iterations = Number(process.argv[2] ?? 2_000_000);
const { perSecond } = runSlaAdditionBench(iterations);
console.log(JSON.stringify({ figure: 'sla_additions_per_second', value: perSecond }));
