import claim from '../src/claims/catalogue/B.T412.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
