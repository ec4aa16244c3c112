import type { Claim } from './types.ts';
import A_L1 from './catalogue/A.L1.ts';
import A_L2 from './catalogue/A.L2.ts';
import A_L11 from './catalogue/A.L11.ts';
import A_L3 from './catalogue/A.L3.ts';
import A_L8 from './catalogue/A.L8.ts';
import A_L9 from './catalogue/A.L9.ts';
import A_T1a from './catalogue/A.T1a.ts';
import A_T1b from './catalogue/A.T1b.ts';
import A_T2 from './catalogue/A.T2.ts';
import A_L14 from './catalogue/A.L14.ts';
import A_T3 from './catalogue/A.T3.ts';
import A_T4 from './catalogue/A.T4.ts';
import A_GD from './catalogue/A.GD.ts';
import A_Eq17 from './catalogue/A.Eq17.ts';
import A_AppA from './catalogue/A.AppA.ts';
import A_Fig1 from './catalogue/A.Fig1.ts';
import A_Fig2 from './catalogue/A.Fig2.ts';
import A_Fig3 from './catalogue/A.Fig3.ts';
import A_Tab1 from './catalogue/A.Tab1.ts';
import A_L4 from './catalogue/A.L4.ts';
import A_L5 from './catalogue/A.L5.ts';
import A_L6 from './catalogue/A.L6.ts';
import A_L7 from './catalogue/A.L7.ts';
import A_L10 from './catalogue/A.L10.ts';
import A_L20 from './catalogue/A.L20.ts';
import A_L21 from './catalogue/A.L21.ts';
import A_L17 from './catalogue/A.L17.ts';
import A_L18 from './catalogue/A.L18.ts';
import A_L19 from './catalogue/A.L19.ts';
import A_L22 from './catalogue/A.L22.ts';
import B_msign from './catalogue/B.msign.ts';
import B_NS5 from './catalogue/B.NS5.ts';
import B_smooth from './catalogue/B.smooth.ts';
import B_descent from './catalogue/B.descent.ts';
import B_T41 from './catalogue/B.T41.ts';
import B_T411 from './catalogue/B.T411.ts';
import B_cond7 from './catalogue/B.cond7.ts';
import B_S41 from './catalogue/B.S41.ts';
import B_C42 from './catalogue/B.C42.ts';
import B_A45 from './catalogue/B.A45.ts';
import B_T48 from './catalogue/B.T48.ts';
import B_T412 from './catalogue/B.T412.ts';
import B_Fig1 from './catalogue/B.Fig1.ts';
import B_Fig2 from './catalogue/B.Fig2.ts';

/**
 * The claims registry: one entry per claim id of ../shared/spec/claims.md, each defined in
 * src/claims/catalogue/<id>.ts and checked by properties/<id>.test.ts. Order: paper A in the catalogue's order,
 * then paper B.
 */
export const claims: readonly Claim<any>[] = [
  // paper A: the scalar and aligned dynamics
  A_L1, A_L2, A_L11, A_L3, A_L8, A_L9,
  // paper A: the theorems, the lower bounds and the preconditioner identities
  A_T1a, A_T1b, A_T2, A_L14, A_T3, A_T4, A_GD, A_Eq17, A_AppA,
  // paper A: §3.4 Step 4, the first step and the auxiliary trajectory (App. B.1–B.4)
  A_L4, A_L5, A_L6, A_L7,
  // paper A: the probabilistic lemmas (App. B.5 and F)
  A_L10, A_L20, A_L21,
  // paper A: the perturbation lemmas (App. F)
  A_L17, A_L18, A_L19, A_L22,
  // paper A: the experiments (reduced versions; `muon-claims reproduce` runs them in full)
  A_Tab1, A_Fig1, A_Fig2, A_Fig3,
  // paper B
  B_msign, B_NS5, B_smooth, B_descent, B_T41, B_T411, B_cond7,
  // paper B: stochastic Muon (Monte Carlo)
  B_S41, B_C42,
  // paper B: the structural results (Λ-norm smoothness, third derivative) and the experiments
  B_A45, B_T48, B_T412, B_Fig1, B_Fig2,
];

export function claimById(id: string): Claim<any> | undefined {
  return claims.find((c) => c.id === id);
}

export function unknownClaimMessage(id: string): string {
  return `unknown claim id '${id}'; known ids: ${claims.map((c) => c.id).join(', ')}`;
}
