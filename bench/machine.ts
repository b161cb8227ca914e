// The machine the numbers came from: they mean little without it.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  /** 1-minute load average when the run started: another process's load shows here. */
  loadAverage: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export async function describeMachine(db: Kysely<any>): Promise<Machine> {
  const { rows } = await sql<{ version: string }>`SELECT version()`.execute(db);
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: rows[0]?.version ?? 'unknown',
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
