from longwalk.cli.main import main

main()
