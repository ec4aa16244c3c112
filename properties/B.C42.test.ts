import claim from '../src/claims/catalogue/B.C42.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
