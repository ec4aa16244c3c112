import claim from '../src/claims/catalogue/A.L7.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
