import claim from '../src/claims/catalogue/A.L11.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
