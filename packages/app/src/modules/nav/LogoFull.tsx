import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    fontSize: 24,
    fontWeight: 700,
    letterSpacing: '-0.02em',
    color: '#7df3e1',
    whiteSpace: 'nowrap',
  },
});

/** The portal's name, in the sidebar's wide state. */
export const LogoFull = () => {
  const classes = useStyles();
  return <span className={classes.text}>AI Platform</span>;
};
