// Combined queries, booking limits and `first` through the WASM package: the cases
// every JavaScript package shares (tests/shared/combined.cjs).

import { Engine, SlotwiseError } from "../pkg/node.js";
import { combinedTests } from "./shared/combined.cjs";

combinedTests({ Engine, SlotwiseError });
