import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeFilterValue, escapePathId } from '../../src/connectors/economic/escape';
import { and, eq, isIn, like, or, where } from '../../src/connectors/economic/filter';

describe('escapePathId', () => {
  const cases: [string, string][] = [
    ['My Awesome Product_Discount5%', 'My_9_Awesome_9_Product_8_Discount5_3_'],
    ['plain-123', 'plain-123'],
    ['a_b', 'a_8_b'],
    ['_1_', '_8_1_8_'],
    ['<>*%:&/\\', '_0__1__2__3__4__5__6__7_'],
    ['? . # +', '_10__9__11__9__12__9__13_'],
    ['æøå', '%C3%A6%C3%B8%C3%A5'],
    ['a"b', 'a%22b'],
  ];
  for (const [id, expected] of cases) {
    it(`escapes ${JSON.stringify(id)} as ${expected}`, () => {
      assert.equal(escapePathId(id), expected);
    });
  }

  it('escapes numbers as their decimal text', () => {
    assert.equal(escapePathId(42), '42');
  });
});

describe('escapeFilterValue', () => {
  const cases: [string, string][] = [
    ['R-1001', 'R-1001'],
    ['$5', '$$5'],
    ['(a)', '$(a$)'],
    ['*x,y', '$*x$,y'],
    ['[1]', '$[1$]'],
    ['a$and:b', 'a$$and:b'],
  ];
  for (const [value, expected] of cases) {
    it(`escapes ${JSON.stringify(value)} as ${expected}`, () => {
      assert.equal(escapeFilterValue(value), expected);
    });
  }
});

describe('filter builders', () => {
  it('build comparisons with escaped values and $null:', () => {
    assert.equal(eq('references.other', 'shop (1)'), 'references.other$eq:shop $(1$)');
    assert.equal(where('date', 'gte', '2026-01-01'), 'date$gte:2026-01-01');
    assert.equal(eq('email', null), 'email$eq:$null:');
  });

  it('keep * as a wildcard in like and escape the rest', () => {
    assert.equal(like('name', '*port (dk)*'), 'name$like:*port $(dk$)*');
  });

  it('parenthesise combined expressions', () => {
    assert.equal(and(eq('name', 'Joe'), or(like('city', '*port'), where('age', 'lt', 40))), '(name$eq:Joe)$and:((city$like:*port)$or:(age$lt:40))');
    assert.equal(and(eq('a', 1)), 'a$eq:1');
  });

  it('refuse $in with no values or more than 200', () => {
    assert.equal(isIn('customerNumber', [1, 2, 3]), 'customerNumber$in:[1,2,3]');
    assert.equal(isIn('customerNumber', [4], true), 'customerNumber$nin:[4]');
    assert.throws(() => isIn('customerNumber', []), RangeError);
    assert.throws(() => isIn('customerNumber', Array.from({ length: 201 }, (_, i) => i)), RangeError);
  });
});
