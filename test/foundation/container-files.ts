import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './built-app';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile as stages of instructions (continuation lines joined, comments dropped). */
export function dockerfileStages(file = join(ROOT, 'Dockerfile')): Stage[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ image, name, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args: args.trim() });
    }
  }
  return stages;
}

/** The exec-form JSON array of a CMD (or of HEALTHCHECK's CMD, after its options). */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('[')));
}

export interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  profiles?: string[];
}

/** docker-compose.yml as Docker Compose reads it (YAML merge keys resolved). */
export function composeFile(file = join(ROOT, 'docker-compose.yml')): {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
} {
  return parse(readFileSync(file, 'utf8'), { merge: true });
}

/**
 * Runs a `node -e ...` healthcheck command here, against a stand-in server whose /health answers
 * `status` (or against nothing when status is undefined), and gives its exit code.
 */
export async function runHealthcheck(command: string[], status: number | undefined): Promise<number> {
  const [program, ...args] = command[0] === 'CMD' ? command.slice(1) : command;
  if (program !== 'node') throw new Error(`Expected a node healthcheck, got ${program}`);
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/health' ? status! : 404;
    response.end();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const port = (server.address() as { port: number }).port;
  if (status === undefined) await new Promise((closed) => server.close(closed));
  try {
    return await new Promise((done) => {
      execFile(process.execPath, args, { env: { PORT: String(port) }, timeout: 20_000 }, (error) =>
        done(error ? Number(error.code ?? 1) : 0),
      );
    });
  } finally {
    if (status !== undefined) await new Promise((closed) => server.close(closed));
  }
}
