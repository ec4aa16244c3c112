import claim from '../src/claims/catalogue/A.Fig3.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
