import claim from '../src/claims/catalogue/B.A45.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
