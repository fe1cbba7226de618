import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveBinary } from '../../src/temporal/cli-path';

function fakeBinary(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('Temporal CLI resolution', () => {
  const root = mkdtempSync(join(tmpdir(), 'rb-cli-'));
  const fromEnv = fakeBinary(join(root, 'env'), 'temporal');
  const onPath = fakeBinary(join(root, 'path'), 'temporal');
  const project = join(root, 'project');
  fakeBinary(join(project, 'venv', 'bin'), 'temporal');
  fakeBinary(join(project, 'venv', 'bin'), 'temporal-test-server');

  test('TEMPORAL_CLI_PATH wins over everything', () => {
    assert.deepEqual(resolveBinary('cli', { env: { TEMPORAL_CLI_PATH: fromEnv, PATH: join(root, 'path') }, projectDir: project }), { path: fromEnv, source: 'env' });
  });

  test('then `temporal` on PATH', () => {
    assert.deepEqual(resolveBinary('cli', { env: { PATH: `/nonexistent:${join(root, 'path')}` }, projectDir: project }), { path: onPath, source: 'path' });
  });

  test('then the project-local install under .temporal/', () => {
    assert.deepEqual(resolveBinary('cli', { env: { PATH: '/nonexistent' }, projectDir: project }), { path: join(project, 'venv', 'bin', 'temporal'), source: 'project' });
    assert.deepEqual(resolveBinary('test-server', { env: { PATH: '' }, projectDir: project }), { path: join(project, 'venv', 'bin', 'temporal-test-server'), source: 'project' });
  });

  test("then the SDK's own download", () => {
    assert.deepEqual(resolveBinary('cli', { env: { PATH: '' }, projectDir: join(root, 'empty') }), { path: undefined, source: 'sdk-download' });
  });

  test('a TEMPORAL_CLI_PATH that is not executable is an error, not a silent fallback', () => {
    assert.throws(() => resolveBinary('cli', { env: { TEMPORAL_CLI_PATH: join(root, 'missing') } }), /TEMPORAL_CLI_PATH points at .*missing, which is not an executable file/);
  });
});
