"""Answer composition: grounded, cited answers built from retrieved passages and attributed claims."""
