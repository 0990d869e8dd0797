import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/** The states every entity card shares before it has data: a titled spinner, or the error. */
export function CardFallback(props: {
  title: string;
  error?: Error;
  errorTitle: string;
}) {
  if (props.error) {
    return <ResponseErrorPanel error={props.error} title={props.errorTitle} />;
  }
  return (
    <InfoCard title={props.title}>
      <Progress />
    </InfoCard>
  );
}
