import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesIfAlive,
  pAlive,
} from '../../../functions/churn/bgnbd.js';
import { expectOverPrior, individualLikelihood } from './prior-quadrature.js';

const cdnowParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const otherParams = { r: 1.7, alpha: 9.5, a: 1.6, b: 5.2 };
const customers = [
  { x: 0, tx: 0, T: 38.86 },
  { x: 1, tx: 1.71, T: 38.86 },
  { x: 2, tx: 30.43, T: 38.86 },
  { x: 5, tx: 12, T: 30 },
  { x: 9, tx: 35.5, T: 37 },
];

describe('BG/NBD closed forms against numerical integration over the model definition', () => {
  for (const [name, params] of Object.entries({ cdnowParams, otherParams })) {
    for (const customer of customers) {
      const { x, tx, T } = customer;
      const ll = individualLikelihood(x, tx, T);
      const alive = expectOverPrior(params, ll.alive);
      const likelihood = alive + expectOverPrior(params, ll.dropped);

      it(`gives the integrated log-likelihood for x=${x}, t_x=${tx}, T=${T} (${name})`, () => {
        expect(bgNbdLogLikelihood(params, customer)).toBeCloseTo(Math.log(likelihood), 7);
      });

      it(`gives the integrated P(alive) for x=${x}, t_x=${tx}, T=${T} (${name})`, () => {
        expect(pAlive(params, customer)).toBeCloseTo(alive / likelihood, 8);
      });

      it(`gives the integrated expected purchases in 39 periods for x=${x} (${name})`, () => {
        const t = 39;
        const purchases = expectOverPrior(
          params,
          (lambda, p) => (ll.alive(lambda, p) * -Math.expm1(-lambda * p * t)) / p,
        );
        expect(expectedPurchases(params, customer, t) / (purchases / likelihood)).toBeCloseTo(1, 7);
      });
    }
  }
});

describe('BG/NBD predictions', () => {
  it('is certain that a customer without repeat purchases is still active', () => {
    expect(pAlive(cdnowParams, { x: 0, tx: 0, T: 100 })).toBe(1);
  });

  it('lowers P(alive) the longer a frequent buyer has been silent', () => {
    const recent = pAlive(cdnowParams, { x: 6, tx: 37, T: 38 });
    const silent = pAlive(cdnowParams, { x: 6, tx: 10, T: 38 });
    expect(recent).toBeGreaterThan(0.85);
    expect(silent).toBeLessThan(0.1);
  });

  it('expects no purchases in an empty window and more in a longer one', () => {
    const customer = { x: 3, tx: 30, T: 38 };
    expect(expectedPurchases(cdnowParams, customer, 0)).toBe(0);
    expect(expectedPurchases(cdnowParams, customer, 52)).toBeGreaterThan(
      expectedPurchases(cdnowParams, customer, 13),
    );
  });

  it('splits expected purchases into P(alive) times purchases if alive', () => {
    const customer = { x: 4, tx: 20, T: 38 };
    expect(expectedPurchases(cdnowParams, customer, 13)).toBeCloseTo(
      pAlive(cdnowParams, customer) * expectedPurchasesIfAlive(cdnowParams, customer, 13),
      12,
    );
  });

  it('stays finite at a = 1, where the closed form is 0/0', () => {
    const customer = { x: 2, tx: 10, T: 20 };
    const atOne = expectedPurchases({ ...cdnowParams, a: 1 }, customer, 13);
    const nearOne = expectedPurchases({ ...cdnowParams, a: 1.0001 }, customer, 13);
    expect(atOne).toBeCloseTo(nearOne, 4);
  });

  it('handles a heavy buyer without overflow', () => {
    const value = expectedPurchases(cdnowParams, { x: 250, tx: 270, T: 272 }, 90);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
  });
});
