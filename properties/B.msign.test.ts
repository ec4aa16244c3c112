import claim from '../src/claims/catalogue/B.msign.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
