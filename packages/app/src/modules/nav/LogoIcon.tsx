import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    fontSize: 22,
    fontWeight: 700,
    color: '#7df3e1',
  },
});

/** The portal's mark, in the sidebar's narrow state. */
export const LogoIcon = () => {
  const classes = useStyles();
  return <span className={classes.text}>AI</span>;
};
