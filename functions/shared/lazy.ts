/**
 * A value built on its first use and kept after. Lambda code builds its zod schemas behind it, so
 * a cold start builds only the schemas its own code paths use (docs/cold-start.md).
 */
export const lazy = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
};
