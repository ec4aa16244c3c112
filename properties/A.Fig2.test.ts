import claim from '../src/claims/catalogue/A.Fig2.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
