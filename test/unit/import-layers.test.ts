import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';

/*
 * The layer rules of docs/architecture.md, read from the imports of src/: no circle, and no import
 * from a layer into one above it (activity types in workflows excepted, as the Temporal SDK wants).
 */

const SRC = resolve(__dirname, '..', '..', 'src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const IMPORT = /^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm;

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const to = resolveImport(file, match[3]!);
      if (to) out.push({ from: relative(SRC, file), to: relative(SRC, to), typeOnly: match[2] !== undefined });
    }
  }
  return out;
}

/** The layer of a file of src/, by its folder; a higher number may import a lower one. */
const LAYERS: [RegExp, number][] = [
  [/^connectors\//, 0],
  [/^logger\.ts$/, 0],
  [/^domain\//, 1],
  [/^config\//, 2],
  [/^sandbox\//, 3],
  [/^workflows\//, 3],
  [/^flows\//, 4],
  [/^temporal\//, 5],
  [/^routing\//, 6],
  [/^webhooks\//, 7],
  [/^activities\//, 7],
  [/^preview\//, 9],
  [/^worker\.ts$/, 9],
  [/^(roles|cli)\//, 10],
  [/^client\.ts$/, 11],
  [/^main\.ts$/, 12],
];

function layerOf(file: string): number {
  const layer = LAYERS.find(([pattern]) => pattern.test(file))?.[1];
  assert.notEqual(layer, undefined, `${file} is in no layer of docs/architecture.md: add its folder to this test and to the page`);
  return layer!;
}

describe('imports point one way (docs/architecture.md)', () => {
  const all = edges();

  test('the graph is read (a broken reader would pass everything)', () => {
    assert.ok(all.length > 300, `only ${all.length} imports read`);
    assert.ok(all.some((e) => e.from === 'webhooks/dispatch.ts' && e.to === 'routing/rackbeat-targets.ts'));
  });

  test('no import runs up a layer, except activity types in workflows', () => {
    const upward = all.filter((e) => layerOf(e.to) > layerOf(e.from) && !(e.typeOnly && e.from.startsWith('workflows/') && e.to.startsWith('activities/')));
    assert.deepEqual(upward.map((e) => `${e.from} -> ${e.to}`), []);
  });

  test('the receivers and the activities are siblings: neither imports the other', () => {
    const between = all.filter((e) => (e.from.startsWith('webhooks/') && e.to.startsWith('activities/')) || (e.from.startsWith('activities/') && e.to.startsWith('webhooks/')));
    assert.deepEqual(between.map((e) => `${e.from} -> ${e.to}`), []);
  });

  test('workflows take nothing but types from activities', () => {
    assert.deepEqual(all.filter((e) => e.from.startsWith('workflows/') && e.to.startsWith('activities/') && !e.typeOnly).map((e) => `${e.from} -> ${e.to}`), []);
  });

  test('no circle', () => {
    const next = new Map<string, string[]>();
    for (const e of all) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const to of next.get(file) ?? []) visit(to, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of next.keys()) visit(file, []);
    assert.deepEqual(circles, []);
  });
});
