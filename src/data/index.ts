// Seeded synthetic datasets for the tutorials; no tfjs here.
export * from "./random";
export * from "./datasets";
