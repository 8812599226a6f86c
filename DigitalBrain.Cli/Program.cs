return DigitalBrain.Cli.CliApp.Run(args);
