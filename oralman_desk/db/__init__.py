"""Database layer: typed models, engine with the project's pragmas, migrations, audit."""
