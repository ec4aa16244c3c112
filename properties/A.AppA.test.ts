import claim from '../src/claims/catalogue/A.AppA.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
