/** Command-line options shared by the bench scripts: `--scale 100000`, `--quick`, `--fresh`, … */
export function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const index = argv.indexOf(`--${name}`);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

export function hasFlag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** Tickets in the data set: --scale N (or BENCH_SCALE), --quick = 100,000, default 1,000,000. */
export function scaleOption(): number {
  const raw = argValue('scale') ?? process.env.BENCH_SCALE ?? (hasFlag('quick') ? '100000' : '1000000');
  const scale = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(scale) || scale < 1000)
    throw new Error(`--scale must be a whole number ≥ 1000 (got ${raw})`);
  return scale;
}

export const databaseNameFor = (scale: number) => `tend_bench_${scale}`;
