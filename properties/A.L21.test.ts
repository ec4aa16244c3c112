import claim from '../src/claims/catalogue/A.L21.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
