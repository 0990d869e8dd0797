export interface Config {
  aiPlatform?: {
    gitops?: {
      /**
       * Folder of the local git repository that `ai-platform:publish:local` commits to, when
       * no Git host is configured. Defaults to `ai-platform-gitops` in the OS temp folder.
       */
      localDir?: string;
    };
    workspace?: {
      /**
       * The images an ML workspace may run; the first is the default. Without the list,
       * `ai-platform:workspace:create` takes any image reference and needs one.
       */
      images?: string[];
    };
  };
}
