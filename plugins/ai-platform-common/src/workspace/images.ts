/**
 * Why a workspace may not run `image` when the platform offers only `images`
 * (`aiPlatform.workspace.images`); undefined when it may, or when no list is configured.
 */
export function workspaceImageProblem(
  images: string[] | undefined,
  image: string,
): string | undefined {
  if (!images || images.includes(image)) return undefined;
  return `image: ${image} is not one of the workspace images the platform allows: ${images.join(
    ', ',
  )}`;
}
