import claim from '../src/claims/catalogue/A.T3.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
