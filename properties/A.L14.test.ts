import claim from '../src/claims/catalogue/A.L14.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
