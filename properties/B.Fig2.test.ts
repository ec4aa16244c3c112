import claim from '../src/claims/catalogue/B.Fig2.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
